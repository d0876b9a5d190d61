(args, state, ctx) => {
  let invoice = null;
  if (clean(args.invoice_id)) {
    const id = clean(args.invoice_id).toUpperCase();
    if (!has(state.invoices, id)) {
      fail('No invoice with id ' + args.invoice_id + '.');
    }
    invoice = state.invoices[id];
  } else if (clean(args.order_id)) {
    invoice = state.invoices[requireOrder(state, args.order_id).invoiceId];
  } else {
    fail('Give the invoice_id or the order_id.');
  }
  const dispute = Object.keys(state.disputes).map(function (k) { return state.disputes[k]; })
    .filter(function (x) { return x.invoiceId === invoice.id; }).pop();
  return {
    invoice_id: invoice.id,
    order_id: invoice.orderId,
    customer_id: invoice.customerId,
    issued_at: invoice.issuedAt,
    due_date: invoice.dueDate,
    status: invoice.status,
    total: invoice.total,
    insurance_provider: invoice.insuranceProvider,
    insurance_covered: invoice.insuranceCovered,
    patient_responsibility: invoice.patientResponsibility,
    amount_paid: invoice.amountPaid,
    balance_due: invoice.balance > 0 ? invoice.balance : 0,
    credit: invoice.balance < 0 ? -invoice.balance : 0,
    charges: invoice.charges.map(function (c) {
      return { date: c.date, type: c.type, amount: c.amount, card: paymentLabel(state, invoice.customerId, c.paymentMethodId) };
    }),
    dispute: dispute ? { dispute_id: dispute.id, status: dispute.status, opened_at: dispute.openedAt } : null
  };
}
