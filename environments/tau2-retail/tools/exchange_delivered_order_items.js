(args, state, ctx) => {
    const order = getOrder(state, args.order_id);
    if (order.status !== "delivered") {
        throw new Error("Non-delivered order cannot be exchanged");
    }

    checkItemsPresent(order, args.item_ids, (itemId) => "Number of " + itemId + " not found.");
    if (args.item_ids.length !== args.new_item_ids.length) {
        throw new Error("The number of items to be exchanged should match.");
    }

    // New items must be available variants of the same product; the difference is new minus old,
    // so positive means the user pays and negative means a refund.
    let difference = 0;
    for (let i = 0; i < args.item_ids.length; i++) {
        const item = findOrderItem(order, args.item_ids[i]);
        if (item === null) {
            throw new Error("Item " + args.item_ids[i] + " not found");
        }
        const variant = getVariant(state, item.product_id, args.new_item_ids[i]);
        if (!variant.available) {
            throw new Error("New item " + args.new_item_ids[i] + " not found or available");
        }
        difference += variant.price - item.price;
    }
    difference = roundMoney(difference);

    const method = getPaymentMethod(state, order.user_id, args.payment_method_id);
    if (isGiftCard(method) && method.balance < difference) {
        throw new Error("Insufficient gift card balance to pay for the price difference");
    }

    // Nothing is charged or refunded yet: the exchange is settled when the items come back.
    order.status = "exchange requested";
    order.exchange_items = sortedCopy(args.item_ids);
    order.exchange_new_items = sortedCopy(args.new_item_ids);
    order.exchange_payment_method_id = args.payment_method_id;
    order.exchange_price_difference = difference;
    return orderView(order);
}
