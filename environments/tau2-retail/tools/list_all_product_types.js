(args, state, ctx) => {
    // tau2 returns json.dumps(name -> product id, sort_keys=True): a string with Python's separators
    // and non-ASCII characters escaped.
    const byName = {};
    for (const productId of Object.keys(state.products)) {
        byName[state.products[productId].name] = state.products[productId].product_id;
    }
    const ascii = (text) => JSON.stringify(text).replace(/[\u0080-\uffff]/g,
        (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
    const names = Object.keys(byName).sort();
    return "{" + names.map((name) => ascii(name) + ": " + ascii(byName[name])).join(", ") + "}";
}
