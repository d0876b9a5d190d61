(args, state, ctx) => {
    const order = getOrder(state, args.order_id);
    if (order.status !== "pending") {
        throw new Error("Non-pending order cannot be cancelled");
    }
    if (args.reason !== "no longer needed" && args.reason !== "ordered by mistake") {
        throw new Error("Invalid reason");
    }

    // Every payment is refunded to its own method; a gift card gets its money back at once,
    // other methods in 5-7 business days (nothing to record for them but the refund entry).
    const refunds = [];
    for (const payment of order.payment_history) {
        refunds.push({
            transaction_type: "refund",
            amount: payment.amount,
            payment_method_id: payment.payment_method_id
        });
        const method = getPaymentMethod(state, order.user_id, payment.payment_method_id);
        if (isGiftCard(method)) {
            method.balance = roundMoney(method.balance + payment.amount);
        }
    }

    order.status = "cancelled";
    order.cancel_reason = args.reason;
    for (const refund of refunds) {
        order.payment_history.push(refund);
    }
    return orderView(order);
}
