(args, state, ctx) => {
  const o = requireOrder(state, args.order_id);
  if (o.status !== 'delivered') {
    fail('Order ' + o.id + ' is ' + o.status + ', not delivered: only delivered orders can be returned' +
      (o.status === 'processing' ? ' (a processing order can be cancelled instead).' : '.'));
  }
  const window = state.policy.returnWindowDays;
  const age = daysBetween(o.deliveredAt, today());
  if (age > window) {
    fail('Order ' + o.id + ' was delivered on ' + o.deliveredAt + ', ' + age + ' days ago; returns are accepted within ' +
      window + ' days of delivery.');
  }
  if (!Array.isArray(args.items) || args.items.length === 0) {
    fail('Name at least one item to return (sku and quantity).');
  }

  const invoice = state.invoices[o.invoiceId];
  const restocked = args.reason === 'no_longer_needed';
  let refund = 0;
  let fee = 0;
  const seen = {};
  const lines = args.items.map(function (requested) {
    const sku = clean(requested.sku).toUpperCase();
    const line = o.items.find(function (i) { return i.sku === sku; });
    if (!line) {
      fail('Order ' + o.id + ' has no item ' + requested.sku + '; its items are ' +
        o.items.map(function (i) { return i.sku + ' (' + i.name + ')'; }).join(', ') + '.');
    }
    if (seen[sku]) {
      fail('Item ' + sku + ' is listed twice.');
    }
    seen[sku] = true;
    const product = state.products[sku];
    const left = line.quantity - returnedQuantity(state, o.id, sku);
    if (requested.quantity > left) {
      fail('Only ' + left + ' of ' + line.name + ' can still be returned from order ' + o.id + '.');
    }
    if (requested.opened && product.singleUse) {
      fail(line.name + ' is a single-use item and has been opened: for hygiene reasons opened single-use items cannot be returned.');
    }
    if (invoice.insuranceCovered > 0 && product.category !== 'consumable') {
      fail(line.name + ' was billed to ' + invoice.insuranceProvider + ': returns of insured equipment go through the insurance team, ' +
        'transfer the customer to a human agent.');
    }
    const amount = cents(line.unitPrice) * requested.quantity;
    // A device sent back because it is no longer needed pays a restocking fee; a faulty or wrong one does not.
    const lineFee = restocked && product.category === 'device' ? Math.round(amount * state.policy.restockingFeePercent / 100) : 0;
    refund += amount - lineFee;
    fee += lineFee;
    return { sku: sku, name: line.name, quantity: requested.quantity, opened: product.singleUse && requested.opened === true };
  });

  const id = nextId('RMA-', state.returns, 7001);
  const billed = invoice.status === 'open';
  state.returns[id] = {
    id: id,
    orderId: o.id,
    customerId: o.customerId,
    items: lines,
    reason: args.reason,
    restockingFee: dollars(fee),
    refundAmount: dollars(refund),
    refundTo: billed ? invoice.id : o.paymentMethodId,
    status: 'authorized',
    createdAt: today()
  };
  return {
    return_id: id,
    refund_amount: dollars(refund),
    restocking_fee: dollars(fee),
    refund_to: billed ? 'a credit on invoice ' + invoice.id + ' (not yet paid)' : paymentLabel(state, o.customerId, o.paymentMethodId),
    next_steps: 'A prepaid return label has been emailed. The refund is issued within 5 to 7 business days after the items arrive.'
  };
}
