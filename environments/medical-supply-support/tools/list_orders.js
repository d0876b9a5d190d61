(args, state, ctx) => {
  const c = requireCustomer(state, args.customer_id);
  return c.orderIds.map(function (id) {
    const o = state.orders[id];
    return {
      order_id: o.id,
      placed_at: o.placedAt,
      status: o.status,
      total: o.total,
      items: o.items.map(function (i) { return i.name + (i.quantity > 1 ? ' x' + i.quantity : ''); })
    };
  });
}
