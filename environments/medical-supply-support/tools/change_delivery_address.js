(args, state, ctx) => {
  const o = requireOrder(state, args.order_id);
  const d = state.deliveries[o.deliveryId];
  if (o.status === 'cancelled' || o.status === 'delivered') {
    fail('Order ' + o.id + ' is ' + o.status + '; its delivery address can no longer be changed.');
  }
  if (d.status !== 'pending') {
    fail('Order ' + o.id + ' has already been dispatched (delivery status: ' + d.status + ') with ' + d.carrier +
      '; the delivery address can only be changed before dispatch.');
  }
  const address = validateAddress(state, args.address);
  if (formatAddress(address) === formatAddress(o.shippingAddress)) {
    fail('Order ' + o.id + ' is already going to ' + formatAddress(address) + '.');
  }
  o.shippingAddress = address;
  d.address = JSON.parse(JSON.stringify(address));
  d.events.push({ date: today(), description: 'Delivery address changed at the customer\'s request' });
  return {
    order_id: o.id,
    new_address: formatAddress(address),
    estimated_delivery: d.estimatedDelivery
  };
}
