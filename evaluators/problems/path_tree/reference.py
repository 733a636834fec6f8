def tree(paths):
    root = {}
    for path in paths:
        node = root
        for part in path.split("/"):
            if part:
                node = node.setdefault(part, {})
    return root
