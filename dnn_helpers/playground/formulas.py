"""The formulas behind a playground run, written out for its network: forward equations with their
shapes, the cost, and the chosen optimiser's update rule (lessons 3, 4, 6, 10, 11 and 12).

    formulas_html(session.settings, session.layer_dims)   # HTML with $...$ LaTeX, for an HTMLMath widget

Pure text: no NumPy, no widgets.
"""

_ACTIVATION_FORMULAS = {
    "relu": r"\mathrm{relu}(z) = \max(0, z)",
    "leaky_relu": r"\mathrm{leaky}(z) = \max(0.01 z, z)",
    "tanh": r"\tanh(z)",
    "sigmoid": r"\sigma(z) = 1 / (1 + e^{-z})",
}

_ACTIVATION_NAMES = {"relu": r"\mathrm{relu}", "leaky_relu": r"\mathrm{leaky}", "tanh": r"\tanh",
                     "sigmoid": r"\sigma"}

_UPDATE_RULES = {
    "gd": [r"W^{[l]} \leftarrow W^{[l]} - \alpha \, dW^{[l]}"],
    "momentum": [r"v \leftarrow \beta v + (1 - \beta)\, dW^{[l]}, \quad \beta = 0.9",
                 r"W^{[l]} \leftarrow W^{[l]} - \alpha \, v"],
    "rmsprop": [r"s \leftarrow \beta s + (1 - \beta)\, (dW^{[l]})^2, \quad \beta = 0.9",
                r"W^{[l]} \leftarrow W^{[l]} - \alpha \, dW^{[l]} / (\sqrt{s} + \varepsilon)"],
    "adam": [r"v \leftarrow \beta_1 v + (1 - \beta_1)\, dW^{[l]}, \quad "
             r"s \leftarrow \beta_2 s + (1 - \beta_2)\, (dW^{[l]})^2, \quad \beta_1 = 0.9,\ \beta_2 = 0.999",
             r"W^{[l]} \leftarrow W^{[l]} - \alpha \, "
             r"\frac{v / (1 - \beta_1^t)}{\sqrt{s / (1 - \beta_2^t)} + \varepsilon}"],
}

_OPTIMIZER_NAMES = {"gd": "gradient descent (lesson 6)", "momentum": "momentum (lesson 11)",
                    "rmsprop": "RMSProp (lesson 11)", "adam": "Adam (lesson 11)"}


def forward_equations(layer_dims, activation, m="m"):
    """One LaTeX line per layer: Z[l] = W[l] A[l-1] + b[l] with the shapes, then A[l] = g(Z[l])."""
    L = len(layer_dims) - 1
    lines = []
    for l in range(1, L + 1):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        previous = "X" if l == 1 else f"A^{{[{l - 1}]}}"
        if l < L:
            g = _ACTIVATION_NAMES[activation]
        else:
            g = r"\sigma" if n == 1 else r"\mathrm{softmax}"
        lines.append(
            rf"\underbrace{{Z^{{[{l}]}}}}_{{({n}, {m})}} = \underbrace{{W^{{[{l}]}}}}_{{({n}, {n_prev})}}\,"
            rf"\underbrace{{{previous}}}_{{({n_prev}, {m})}} + \underbrace{{b^{{[{l}]}}}}_{{({n}, 1)}}, \qquad "
            rf"A^{{[{l}]}} = {g}(Z^{{[{l}]}})")
    return lines


def formulas_html(settings, layer_dims, m_train=None):
    """HTML (paragraphs with $$...$$ LaTeX) describing the forward pass, the cost and the update of a run.

    settings -- the run's Settings;  layer_dims -- [2, n_1, ..., n_L];  m_train -- training points, or None
    """
    L = len(layer_dims) - 1
    batch = settings.batch_size
    m = "m" if batch == "full batch" else batch
    n_out = layer_dims[-1]
    parts = [f"<b>Forward propagation</b> (lesson 3), one column per point: "
             f"{'all m = ' + str(m_train) + ' training points' if batch == 'full batch' and m_train else ''}"
             f"{'a mini-batch of ' + batch + ' points' if batch != 'full batch' else ''} per step."]
    parts += [f"$${line}$$" for line in forward_equations(layer_dims, settings.activation, m)]
    if L > 1:
        parts.append(f"Hidden layers: ${_ACTIVATION_FORMULAS[settings.activation]}$.")
    if settings.keep_prob < 1:
        parts.append(f"Dropout (lesson 10): during training each hidden unit is kept with probability "
                     f"{settings.keep_prob:g} and the kept ones are divided by {settings.keep_prob:g}.")
    if n_out == 1:
        cost = r"J = -\frac{1}{m} \sum_{i=1}^{m} \left[ y_i \log a_i + (1 - y_i) \log (1 - a_i) \right]"
        parts.append("<b>Cost</b> (lesson 4), binary cross-entropy, $a_i$ = P(class 1) of point $i$:")
    else:
        cost = r"J = -\frac{1}{m} \sum_{i=1}^{m} \sum_{k=1}^{" + str(n_out) + r"} y_{ki} \log a_{ki}"
        parts.append(f"<b>Cost</b> (lesson 12), cross-entropy over {n_out} classes, one-hot $y$:")
    if settings.l2_strength > 0:
        cost += rf" + \frac{{{settings.l2_strength:g}}}{{2m}} \sum_l \lVert W^{{[l]}} \rVert^2"
    parts.append(f"$${cost}$$")
    parts.append(f"<b>Backward propagation</b> (lesson 5): $dZ^{{[{L}]}} = A^{{[{L}]}} - Y$, then for "
                 f"$l = {L}, \\dots, 1$: $dW^{{[l]}} = \\frac{{1}}{{m}} dZ^{{[l]}} A^{{[l-1]T}}$, "
                 r"$db^{[l]} = \frac{1}{m} \sum_i dZ^{[l]}_{:,i}$, "
                 r"$dZ^{[l-1]} = W^{[l]T} dZ^{[l]} \odot g'(Z^{[l-1]})$.")
    if settings.l2_strength > 0:
        parts.append(f"L2 (lesson 10) adds $\\frac{{{settings.l2_strength:g}}}{{m}} W^{{[l]}}$ to every $dW^{{[l]}}$.")
    parts.append(f"<b>Update</b>: {_OPTIMIZER_NAMES[settings.optimizer]}, learning rate "
                 f"$\\alpha = {settings.learning_rate:.4g}$, the same rule for every $b^{{[l]}}$:")
    parts += [f"$${line}$$" for line in _UPDATE_RULES[settings.optimizer]]
    return "\n".join(f"<p>{part}</p>" if not part.startswith("$$") else part for part in parts)
