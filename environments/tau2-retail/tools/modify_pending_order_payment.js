(args, state, ctx) => {
    const order = getOrder(state, args.order_id);
    if (!isPending(order)) {
        throw new Error("Non-pending order cannot be modified");
    }

    const method = getPaymentMethod(state, order.user_id, args.payment_method_id);
    if (order.payment_history.length !== 1 || order.payment_history[0].transaction_type !== "payment") {
        throw new Error("There should be exactly one payment for a pending order");
    }
    const original = order.payment_history[0];
    if (original.payment_method_id === args.payment_method_id) {
        throw new Error("The new payment method should be different from the current one");
    }
    const amount = original.amount;
    if (isGiftCard(method) && method.balance < amount) {
        throw new Error("Insufficient gift card balance to pay for the order");
    }

    // The new method pays the whole amount and the original one is refunded; gift cards move at once.
    order.payment_history.push(
        { transaction_type: "payment", amount: amount, payment_method_id: args.payment_method_id },
        { transaction_type: "refund", amount: amount, payment_method_id: original.payment_method_id });
    if (isGiftCard(method)) {
        method.balance = roundMoney(method.balance - amount);
    }
    const originalMethod = getPaymentMethod(state, order.user_id, original.payment_method_id);
    if (isGiftCard(originalMethod)) {
        originalMethod.balance = roundMoney(originalMethod.balance + amount);
    }
    return orderView(order);
}
