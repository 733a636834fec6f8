# expect: missing key
# Assigns a fresh {} for every component, wiping out children added by earlier paths.
def tree(paths):
    root = {}
    for path in paths:
        node = root
        for part in path.split("/"):
            if not part:
                continue
            node[part] = {}
            node = node[part]
    return root
