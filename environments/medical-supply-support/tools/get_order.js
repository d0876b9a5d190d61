(args, state, ctx) => {
  const o = requireOrder(state, args.order_id);
  const window = state.policy.returnWindowDays;
  const delivery = state.deliveries[o.deliveryId];
  return {
    order_id: o.id,
    customer_id: o.customerId,
    status: o.status,
    placed_at: o.placedAt,
    items: o.items.map(function (i) {
      const product = state.products[i.sku];
      return {
        sku: i.sku,
        name: i.name,
        category: product.category,
        single_use: product.singleUse,
        quantity: i.quantity,
        returned_quantity: returnedQuantity(state, o.id, i.sku),
        unit_price: i.unitPrice
      };
    }),
    total: o.total,
    payment_method: paymentLabel(state, o.customerId, o.paymentMethodId),
    shipping_address: formatAddress(o.shippingAddress),
    delivery_status: delivery.status,
    delivered_at: o.deliveredAt,
    cancelled_at: o.cancelledAt,
    return_window_ends: o.deliveredAt ? addDays(o.deliveredAt, window) : null,
    invoice_id: o.invoiceId
  };
}
