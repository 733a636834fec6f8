def fm_predict(X, w0, w, V):
    XV = X @ V                               # (N, k)
    X2V2 = (X * X) @ (V * V)                 # (N, k)
    return w0 + X @ w + 0.5 * (XV * XV - X2V2).sum(axis=1)
