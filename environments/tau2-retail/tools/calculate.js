(args, state, ctx) => {
    // tau2 evaluates the expression as Python (eval), then returns str(round(float(result), 2)).
    // This is a small Python arithmetic evaluator over the same characters, giving the same results and
    // the same error texts; integers are JavaScript numbers, so they are exact only up to 2^53.
    const expression = args.expression;
    for (const c of expression) {
        if ("0123456789+-*/(). ".indexOf(c) === -1) {
            throw new Error("Invalid characters in expression");
        }
    }

    const syntaxError = (message) => new Error(message + " (<string>, line 1)");

    // Python's tokenizer runs first: its errors (unmatched brackets, leading zeros) win over a parse error.
    const source = expression.trim();
    if (source === "") {
        throw new Error("invalid syntax (<string>, line 0)");
    }
    const tokens = [];
    let depth = 0;
    let at = 0;
    while (at < source.length) {
        const rest = source.slice(at);
        const space = /^ +/.exec(rest);
        if (space) {
            at += space[0].length;
            continue;
        }
        const numeral = /^(\d+\.?\d*|\.\d+)/.exec(rest);
        if (numeral) {
            const text = numeral[0];
            if (/^0+[1-9]\d*$/.test(text)) {
                throw syntaxError("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
            }
            tokens.push({ kind: "number", text: text });
            at += text.length;
            continue;
        }
        const op = /^(\*\*|\/\/|[-+*\/().])/.exec(rest)[0];
        if (op === "(") {
            depth++;
        } else if (op === ")") {
            if (depth === 0) {
                throw syntaxError("unmatched ')'");
            }
            depth--;
        }
        tokens.push({ kind: "op", text: op });
        at += op.length;
    }
    if (depth > 0) {
        throw syntaxError("'(' was never closed");
    }

    // Python's grammar for these tokens: sums of products of (signed) powers of calls on atoms.
    let next = 0;
    const peek = () => (next < tokens.length && tokens[next].kind === "op" ? tokens[next].text : null);
    const take = (text) => {
        if (peek() === text) {
            next++;
            return true;
        }
        return false;
    };
    const invalid = () => syntaxError("invalid syntax");
    const parseExpression = () => {
        let node = parseTerm();
        for (let op = peek(); op === "+" || op === "-"; op = peek()) {
            next++;
            node = { op: op, left: node, right: parseTerm() };
        }
        return node;
    };
    const parseTerm = () => {
        let node = parseFactor();
        for (let op = peek(); op === "*" || op === "/" || op === "//"; op = peek()) {
            next++;
            node = { op: op, left: node, right: parseFactor() };
        }
        return node;
    };
    const parseFactor = () => {
        const op = peek();
        if (op === "+" || op === "-") {
            next++;
            return { unary: op, operand: parseFactor() };
        }
        const base = parsePrimary();
        return take("**") ? { op: "**", left: base, right: parseFactor() } : base;
    };
    const parsePrimary = () => {
        let node = parseAtom();
        while (take("(")) {
            const argument = take(")") ? null : parseExpression();
            if (argument !== null && !take(")")) {
                throw invalid();
            }
            node = { call: node, argument: argument };
        }
        return node;
    };
    const parseAtom = () => {
        if (next < tokens.length && tokens[next].kind === "number") {
            const text = tokens[next++].text;
            return { value: { type: text.indexOf(".") === -1 ? "int" : "float", v: Number(text) } };
        }
        if (take("(")) {
            if (take(")")) {
                return { value: { type: "tuple", v: 0 } };
            }
            const inner = parseExpression();
            if (!take(")")) {
                throw invalid();
            }
            return inner;
        }
        throw invalid();
    };
    const tree = parseExpression();
    if (next !== tokens.length) {
        throw invalid();
    }

    // Python integers have no negative zero: 0 * -1 is 0, and so is -0.
    const number = (type, v) => ({ type: type, v: type === "int" ? v + 0 : v });
    const typeError = (message) => new Error(message);
    const unsupported = (op, a, b) => typeError("unsupported operand type(s) for " + (op === "**" ? "** or pow()" : op) + ": '" + a.type + "' and '" + b.type + "'");
    const floorDivide = (x, y) => {
        // CPython's float floor division: through fmod, so the result is floor of the exact quotient.
        const mod = x % y;
        let div = (x - mod) / y;
        if (mod !== 0 && (y < 0) !== (mod < 0)) {
            div -= 1;
        }
        if (div === 0) {
            return 0 * (x / y);
        }
        const floor = Math.floor(div);
        return div - floor > 0.5 ? floor + 1 : floor;
    };
    const tupleOperation = (op, a, b) => {
        if (op === "+" && a.type === "tuple" && b.type === "tuple") {
            return a;
        }
        if (op === "+" && a.type === "tuple") {
            throw typeError("can only concatenate tuple (not \"" + b.type + "\") to tuple");
        }
        if (op === "*") {
            const other = a.type === "tuple" ? b : a;
            if (other.type === "int") {
                return { type: "tuple", v: 0 };
            }
            throw typeError("can't multiply sequence by non-int of type '" + other.type + "'");
        }
        throw unsupported(op, a, b);
    };
    const binary = (op, a, b) => {
        if (a.type === "tuple" || b.type === "tuple") {
            return tupleOperation(op, a, b);
        }
        const ints = a.type === "int" && b.type === "int";
        const kind = ints ? "int" : "float";
        switch (op) {
            case "+": return number(kind, a.v + b.v);
            case "-": return number(kind, a.v - b.v);
            case "*": return number(kind, a.v * b.v);
            case "/":
                if (b.v === 0) {
                    throw new Error(ints ? "division by zero" : "float division by zero");
                }
                return { type: "float", v: a.v / b.v };
            case "//":
                if (b.v === 0) {
                    throw new Error(ints ? "integer division or modulo by zero" : "float floor division by zero");
                }
                return number(kind, ints ? Math.floor(a.v / b.v) : floorDivide(a.v, b.v));
            default: {
                if (ints && b.v >= 0) {
                    return number("int", Math.pow(a.v, b.v));
                }
                if (a.v === 0 && b.v < 0) {
                    throw new Error("0.0 cannot be raised to a negative power");
                }
                if (a.v < 0 && !Number.isInteger(b.v)) {
                    // Python gives a complex number here, which float() then refuses.
                    throw typeError("float() argument must be a string or a real number, not 'complex'");
                }
                const power = Math.pow(a.v, b.v);
                if (!isFinite(power) && isFinite(a.v) && isFinite(b.v)) {
                    throw new Error("(34, 'Numerical result out of range')");
                }
                return { type: "float", v: power };
            }
        }
    };
    const evaluate = (node) => {
        if (node.value) {
            return node.value;
        }
        if (node.unary) {
            const operand = evaluate(node.operand);
            if (operand.type === "tuple") {
                throw typeError("bad operand type for unary " + node.unary + ": 'tuple'");
            }
            return number(operand.type, node.unary === "-" ? -operand.v : operand.v);
        }
        if (node.call) {
            const callee = evaluate(node.call);
            if (node.argument !== null) {
                evaluate(node.argument);
            }
            throw typeError("'" + callee.type + "' object is not callable");
        }
        const left = evaluate(node.left);
        return binary(node.op, left, evaluate(node.right));
    };

    const result = evaluate(tree);
    if (result.type === "tuple") {
        throw typeError("float() argument must be a string or a real number, not 'tuple'");
    }
    if (result.type === "int" && !isFinite(result.v)) {
        throw new Error("int too large to convert to float");
    }
    return pythonFloatRepr(roundMoney(result.v));
}
