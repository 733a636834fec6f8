# expect: doubled_slashes
# Strips leading/trailing "/" but still keeps empty components from doubled slashes.
def tree(paths):
    root = {}
    for path in paths:
        path = path.strip("/")
        if not path:
            continue
        node = root
        for part in path.split("/"):
            node = node.setdefault(part, {})
    return root
