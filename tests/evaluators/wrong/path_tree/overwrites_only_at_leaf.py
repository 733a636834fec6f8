# expect: prefix_after_longer_path
# Resets the last component to {}, which erases a subtree when a prefix path comes later.
def tree(paths):
    root = {}
    for path in paths:
        parts = [p for p in path.split("/") if p]
        if not parts:
            continue
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = {}
    return root
