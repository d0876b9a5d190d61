function findOrder(state, id) {
  const order = state.orders[id];
  if (!order) throw new Error(`order ${id} not found`);
  return order;
}

function ordersOf(state, customerId, status) {
  return state.customers[customerId].orders.filter(id => status === undefined || state.orders[id].status === status);
}

function pick(ctx, items) {
  return items[Math.floor(ctx.random() * items.length)];
}
