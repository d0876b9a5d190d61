(args, state, ctx) => {
    const order = getOrder(state, args.order_id);
    if (order.status !== "delivered") {
        throw new Error("Non-delivered order cannot be returned");
    }

    // The refund goes to the original payment method or to any gift card of the user.
    const user = getUser(state, order.user_id);
    const method = getPaymentMethod(state, user.user_id, args.payment_method_id);
    if (!isGiftCard(method) && args.payment_method_id !== originalPaymentMethodId(order)) {
        throw new Error("Payment method should be the original payment method");
    }

    checkItemsPresent(order, args.item_ids, () => "Some item not found");

    // Only the request is recorded; the refund happens when the items come back.
    order.status = "return requested";
    order.return_items = sortedCopy(args.item_ids);
    order.return_payment_method_id = args.payment_method_id;
    return orderView(order);
}
