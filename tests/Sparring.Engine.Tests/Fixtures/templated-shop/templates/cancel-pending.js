// A customer of this instance's split cancels one of their pending orders.
function generate(state, request, ctx) {
  const customers = Object.keys(state.customers)
    .filter(id => ctx.splitOf(id) === request.split && ordersOf(state, id, 'pending').length > 0);
  const customerId = pick(ctx, customers);
  const customer = state.customers[customerId];
  const order = pick(ctx, ordersOf(state, customerId, 'pending'));
  const reason = pick(ctx, ['no longer needed', 'ordered by mistake']);
  return {
    key: customerId,
    scenario: {
      tags: [reason === 'no longer needed' ? 'change-of-mind' : 'mistake'],
      persona: {
        name: customer.name,
        reasonForCall: `I want to cancel my order ${order}.`,
        mood: pick(ctx, ['calm', 'confused', 'angry']),
        knownInfo: [
          { key: 'email', value: customer.email, askedBy: ['email'] },
          { key: 'order number', value: order, askedBy: ['order number', 'order id'] },
        ],
        replies: [
          { when: ['reason', 'why'], say: `It was ${reason}.` },
          { when: ['shall i', 'confirm'], say: 'Yes, please.' },
        ],
        satisfiedWhen: ['cancelled'],
      },
      expected: {
        actions: [{ name: 'cancel_order', arguments: { order_id: order, reason } }],
        outputs: ['cancelled'],
      },
    },
  };
}
