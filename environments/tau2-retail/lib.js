// Shared helpers of the tau2-retail tools. Behaviour follows tau2-bench's retail toolkit
// (src/tau2/domains/retail/tools.py at commit a2c0247): same lookups, same error texts, same rounding.

// Lookups go through own properties only: an id such as "constructor" or "__proto__" must be "not found",
// not a member of Object.prototype.
function hasOwn(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
}

function getOrder(state, orderId) {
    if (!hasOwn(state.orders, orderId)) {
        throw new Error("Order not found");
    }
    return state.orders[orderId];
}

function getUser(state, userId) {
    if (!hasOwn(state.users, userId)) {
        throw new Error("User not found");
    }
    return state.users[userId];
}

function getProduct(state, productId) {
    if (!hasOwn(state.products, productId)) {
        throw new Error("Product not found");
    }
    return state.products[productId];
}

// A variant of a given product: asking for an item of another product is "Variant not found",
// which is how tau2 refuses an exchange or modification across product types.
function getVariant(state, productId, variantId) {
    const product = getProduct(state, productId);
    if (!hasOwn(product.variants, variantId)) {
        throw new Error("Variant not found");
    }
    return product.variants[variantId];
}

// Item ids are unique across products in db.json, so the order in which products are searched
// (JavaScript lists integer-like keys first) cannot change which variant is found.
function getItem(state, itemId) {
    const productIds = Object.keys(state.products);
    for (let i = 0; i < productIds.length; i++) {
        const variants = state.products[productIds[i]].variants;
        if (hasOwn(variants, itemId)) {
            return variants[itemId];
        }
    }
    throw new Error("Item not found");
}

function getPaymentMethod(state, userId, paymentMethodId) {
    const user = getUser(state, userId);
    if (!hasOwn(user.payment_methods, paymentMethodId)) {
        throw new Error("Payment method not found");
    }
    return user.payment_methods[paymentMethodId];
}

// The method of the order's first payment. tau2 indexes payment_history[0] and fails with Python's
// IndexError text when there is none; here that stays a business error instead of a TypeError.
function originalPaymentMethodId(order) {
    if (order.payment_history.length === 0) {
        throw new Error("list index out of range");
    }
    return order.payment_history[0].payment_method_id;
}

function isGiftCard(paymentMethod) {
    return paymentMethod.source === "gift_card";
}

// tau2's loose check ("pending" in status): 'pending (item modified)' still counts for address and payment changes.
function isPending(order) {
    return order.status.indexOf("pending") !== -1;
}

function countOf(list, value) {
    let n = 0;
    for (let i = 0; i < list.length; i++) {
        if (list[i] === value) {
            n++;
        }
    }
    return n;
}

function itemIdsOf(order) {
    return order.items.map(function (item) { return item.item_id; });
}

// The first order line carrying this item id, as tau2's next(...) finds it; null when none.
function findOrderItem(order, itemId) {
    for (let i = 0; i < order.items.length; i++) {
        if (order.items[i].item_id === itemId) {
            return order.items[i];
        }
    }
    return null;
}

// Python's round(x, 2): the exact binary value decides, and only exact ties (x * 8 an odd integer,
// the only doubles that sit halfway between two cents) go to the even cent. toFixed rounds by the
// exact value too but sends ties up, so ties are settled here.
function roundMoney(x) {
    if (!isFinite(x) || Math.abs(x) >= 1e21) {
        return x;
    }
    const magnitude = Math.abs(x);
    let rounded;
    const eighths = magnitude * 8;
    if (Number.isInteger(eighths) && eighths % 2 === 1) {
        const below = Math.floor(magnitude * 100);
        rounded = (below % 2 === 0 ? below : below + 1) / 100;
    } else {
        rounded = Number(magnitude.toFixed(2));
    }
    return x < 0 ? -rounded : rounded;
}

// Python's repr of a float: the shortest digits that round-trip (as JavaScript's), written in fixed
// notation with a trailing ".0" when the decimal point falls within 16 digits, else as "1.5e+16".
function pythonFloatRepr(x) {
    if (isNaN(x)) {
        return "nan";
    }
    if (!isFinite(x)) {
        return x > 0 ? "inf" : "-inf";
    }
    if (x === 0) {
        return Object.is(x, -0) ? "-0.0" : "0.0";
    }
    const sign = x < 0 ? "-" : "";
    const parts = Math.abs(x).toExponential().split("e");
    const digits = parts[0].replace(".", "");
    const exponent = Number(parts[1]);
    const point = exponent + 1;
    if (point > -4 && point <= 16) {
        if (point <= 0) {
            return sign + "0." + "0".repeat(-point) + digits;
        }
        if (point >= digits.length) {
            return sign + digits + "0".repeat(point - digits.length) + ".0";
        }
        return sign + digits.slice(0, point) + "." + digits.slice(point);
    }
    const mantissa = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    const power = Math.abs(exponent) < 10 ? "0" + Math.abs(exponent) : String(Math.abs(exponent));
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + power;
}

function sortedCopy(list) {
    return list.slice().sort();
}

function makeAddress(args) {
    return {
        address1: args.address1,
        address2: args.address2,
        city: args.city,
        country: args.country,
        state: args.state,
        zip: args.zip
    };
}

// An order as tau2 returns it (the pydantic model dumped): every optional field present, null when unset.
function orderView(order) {
    return {
        order_id: order.order_id,
        user_id: order.user_id,
        address: order.address,
        items: order.items,
        status: order.status,
        fulfillments: order.fulfillments,
        payment_history: order.payment_history,
        cancel_reason: optional(order, "cancel_reason"),
        exchange_items: optional(order, "exchange_items"),
        exchange_new_items: optional(order, "exchange_new_items"),
        exchange_payment_method_id: optional(order, "exchange_payment_method_id"),
        exchange_price_difference: optional(order, "exchange_price_difference"),
        return_items: optional(order, "return_items"),
        return_payment_method_id: optional(order, "return_payment_method_id")
    };
}

function optional(object, key) {
    return hasOwn(object, key) ? object[key] : null;
}

// Checks shared by exchange and item modification: every item to change is in the order as many
// times as it is listed, and the two lists pair up.
function checkItemsPresent(order, itemIds, message) {
    const present = itemIdsOf(order);
    for (let i = 0; i < itemIds.length; i++) {
        if (countOf(itemIds, itemIds[i]) > countOf(present, itemIds[i])) {
            throw new Error(message(itemIds[i]));
        }
    }
}
