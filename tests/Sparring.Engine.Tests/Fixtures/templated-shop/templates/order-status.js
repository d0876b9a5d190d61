// A customer of this instance's split asks where one of their orders is; the answer is its status.
function generate(state, request, ctx) {
  const customers = Object.keys(state.customers).filter(id => ctx.splitOf(id) === request.split);
  const customerId = pick(ctx, customers);
  const customer = state.customers[customerId];
  const order = pick(ctx, ordersOf(state, customerId));
  return {
    key: customerId,
    scenario: {
      persona: {
        name: customer.name,
        reasonForCall: `Where is my order ${order}?`,
        knownInfo: [
          { key: 'email', value: customer.email },
          { key: 'order number', value: order, askedBy: ['order number', 'order id'] },
        ],
        satisfiedWhen: [state.orders[order].status],
      },
      expected: { outputs: [state.orders[order].status] },
    },
  };
}
