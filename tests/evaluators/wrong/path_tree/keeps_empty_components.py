# expect: empty components
# Splits on "/" without dropping the empty strings.
def tree(paths):
    root = {}
    for path in paths:
        node = root
        for part in path.split("/"):
            node = node.setdefault(part, {})
    return root
