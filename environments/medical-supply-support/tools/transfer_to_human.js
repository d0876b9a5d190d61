(args, state, ctx) => {
  const queues = {
    insurance_appeal: 'Insurance and appeals',
    legal_complaint: 'Customer relations (complaints)',
    prescription_change: 'Clinical services',
    insured_return: 'Insurance and appeals',
    account_holder_deceased: 'Customer relations (accounts)',
    customer_request: 'Customer care',
    other: 'Customer care'
  };
  if (args.customer_id) {
    requireCustomer(state, args.customer_id);
  }
  return { transferred: true, queue: queues[args.reason], estimated_wait_minutes: 4 };
}
