(args, state, ctx) => {
    const order = getOrder(state, args.order_id);
    // Strict check: items can be modified once, and a modified order is no longer 'pending'.
    if (order.status !== "pending") {
        throw new Error("Non-pending order cannot be modified");
    }

    checkItemsPresent(order, args.item_ids, (itemId) => itemId + " not found");
    if (args.item_ids.length !== args.new_item_ids.length) {
        throw new Error("The number of items to be exchanged should match");
    }

    let difference = 0;
    let variant = null;
    for (let i = 0; i < args.item_ids.length; i++) {
        if (args.item_ids[i] === args.new_item_ids[i]) {
            throw new Error("The new item id should be different from the old item id");
        }
        const item = findOrderItem(order, args.item_ids[i]);
        if (item === null) {
            throw new Error("Item " + args.item_ids[i] + " not found");
        }
        variant = getVariant(state, item.product_id, args.new_item_ids[i]);
        if (!variant.available) {
            throw new Error("New item " + args.new_item_ids[i] + " not found or available");
        }
        difference += variant.price - item.price;
    }

    // Unlike an exchange, tau2 does not round this difference: the payment entry keeps the raw sum.
    const method = getPaymentMethod(state, order.user_id, args.payment_method_id);
    if (isGiftCard(method) && method.balance < difference) {
        throw new Error("Insufficient gift card balance to pay for the new item");
    }

    order.payment_history.push({
        transaction_type: difference > 0 ? "payment" : "refund",
        amount: Math.abs(difference),
        payment_method_id: args.payment_method_id
    });
    if (isGiftCard(method)) {
        method.balance = roundMoney(method.balance - difference);
    }

    // tau2 (commit a2c0247) gives every modified line the price and options of the LAST new variant
    // validated above, not of its own new item. Kept on purpose: the gold databases of tau2's tasks
    // (20, 21, 36, 37, 100 modify several items) are computed that way, and state matching compares with them.
    for (let i = 0; i < args.item_ids.length; i++) {
        const item = findOrderItem(order, args.item_ids[i]);
        if (item === null) {
            throw new Error("Item " + args.item_ids[i] + " not found");
        }
        item.item_id = args.new_item_ids[i];
        item.price = variant.price;
        item.options = Object.assign({}, variant.options);
    }
    order.status = "pending (item modified)";
    return orderView(order);
}
