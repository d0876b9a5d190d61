(args, state, ctx) => {
  const id = clean(args.invoice_id).toUpperCase();
  if (!has(state.invoices, id)) {
    fail('No invoice with id ' + args.invoice_id + '.');
  }
  const invoice = state.invoices[id];
  if (invoice.status === 'void') {
    fail('Invoice ' + id + ' is void (its order was cancelled and refunded); there is nothing to dispute.');
  }
  const open = Object.keys(state.disputes).map(function (k) { return state.disputes[k]; })
    .find(function (x) { return x.invoiceId === id && x.status === 'under_review'; });
  if (open) {
    fail('Invoice ' + id + ' is already under dispute (' + open.id + ', opened ' + open.openedAt +
      '); a billing specialist is reviewing it and will contact the customer.');
  }
  const age = daysBetween(invoice.issuedAt, today());
  if (age > state.policy.disputeWindowDays) {
    fail('Invoice ' + id + ' was issued ' + age + ' days ago; charges can be disputed within ' + state.policy.disputeWindowDays + ' days.');
  }

  const disputeId = nextId('DSP-', state.disputes, 5001);
  const record = {
    id: disputeId,
    invoiceId: id,
    customerId: invoice.customerId,
    reason: args.reason,
    status: 'under_review',
    openedAt: today(),
    refundAmount: 0
  };
  if (args.reason === 'duplicate_charge') {
    const charges = invoice.charges.filter(function (c) { return c.type === 'charge'; });
    const duplicate = charges.find(function (c, i) {
      return charges.slice(0, i).some(function (p) { return p.amount === c.amount && p.date === c.date; });
    });
    if (!duplicate) {
      fail('Invoice ' + id + ' shows no duplicate charge: ' + charges.map(function (c) { return '$' + c.amount.toFixed(2) + ' on ' + c.date; }).join(', ') + '.');
    }
    // A duplicate is plain to see on the invoice, so it is refunded at once instead of waiting for review.
    invoice.charges.push({ id: nextChargeId(invoice), date: today(), type: 'refund', amount: -duplicate.amount, paymentMethodId: duplicate.paymentMethodId });
    invoice.amountPaid = dollars(cents(invoice.amountPaid) - cents(duplicate.amount));
    invoice.balance = dollars(cents(invoice.patientResponsibility) - cents(invoice.amountPaid));
    record.status = 'resolved';
    record.refundAmount = duplicate.amount;
    state.disputes[disputeId] = record;
    return {
      dispute_id: disputeId,
      status: 'resolved',
      refund_amount: duplicate.amount,
      refund_to: paymentLabel(state, invoice.customerId, duplicate.paymentMethodId),
      message: 'The duplicate charge has been refunded; it reaches the card within 5 to 7 business days.'
    };
  }
  if (args.reason === 'insurance_not_applied' && !invoice.insuranceProvider) {
    fail('No insurance was on file when invoice ' + id + ' was issued; the customer can send their insurance details to billing.');
  }
  invoice.status = 'disputed';
  state.disputes[disputeId] = record;
  return {
    dispute_id: disputeId,
    status: 'under_review',
    message: 'A billing specialist will review the invoice within 5 business days; payment on it is on hold until then.'
  };
}
