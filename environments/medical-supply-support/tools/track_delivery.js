(args, state, ctx) => {
  const o = requireOrder(state, args.order_id);
  const d = state.deliveries[o.deliveryId];
  return {
    order_id: o.id,
    status: d.status,
    carrier: d.carrier,
    tracking_number: d.trackingNumber,
    dispatched_at: d.dispatchedAt,
    estimated_delivery: d.status === 'delivered' || d.status === 'cancelled' ? null : d.estimatedDelivery,
    delivered_at: d.deliveredAt,
    signed_by: d.signedBy,
    address: formatAddress(d.address),
    events: d.events.map(function (e) { return e.date + ': ' + e.description; })
  };
}
