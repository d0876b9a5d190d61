(args, state, ctx) => {
  const o = requireOrder(state, args.order_id);
  const d = state.deliveries[o.deliveryId];
  if (o.status === 'cancelled') {
    fail('Order ' + o.id + ' was already cancelled on ' + o.cancelledAt + '.');
  }
  if (o.status === 'delivered') {
    fail('Order ' + o.id + ' was delivered on ' + o.deliveredAt + ' and cannot be cancelled; it can be returned within ' +
      state.policy.returnWindowDays + ' days of delivery.');
  }
  if (o.status !== 'processing' || d.status !== 'pending') {
    fail('Order ' + o.id + ' has already been dispatched (delivery status: ' + d.status + ') and can no longer be cancelled. ' +
      'Once it is delivered it can be returned within ' + state.policy.returnWindowDays + ' days.');
  }

  const now = today();
  const invoice = state.invoices[o.invoiceId];
  const paid = invoice.charges.reduce(function (sum, c) { return sum + cents(c.amount); }, 0);
  o.status = 'cancelled';
  o.cancelledAt = now;
  o.cancellationReason = args.reason;
  d.status = 'cancelled';
  d.events.push({ date: now, description: 'Order cancelled before dispatch' });
  if (paid > 0) {
    invoice.charges.push({ id: nextChargeId(invoice), date: now, type: 'refund', amount: -dollars(paid), paymentMethodId: o.paymentMethodId });
  }
  invoice.amountPaid = 0;
  invoice.balance = 0;
  invoice.status = 'void';
  return {
    order_id: o.id,
    status: 'cancelled',
    refund_amount: dollars(paid),
    refund_to: paymentLabel(state, o.customerId, o.paymentMethodId),
    refund_timing: 'The refund reaches the card within 5 to 7 business days.'
  };
}
