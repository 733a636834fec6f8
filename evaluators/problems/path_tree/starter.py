def tree(paths):
    """["news/car/suv", "news/car/sedan", "sports/nba"] ->
    {"news": {"car": {"suv": {}, "sedan": {}}}, "sports": {"nba": {}}}

    Repeated paths and shared prefixes merge; empty components are ignored; [] -> {}.
    """
    raise NotImplementedError
