(args, state, ctx) => {
    const order = getOrder(state, args.order_id);
    // Loose check: an order whose items were modified ('pending (item modified)') can still change address.
    if (!isPending(order)) {
        throw new Error("Non-pending order cannot be modified");
    }
    order.address = makeAddress(args);
    return orderView(order);
}
