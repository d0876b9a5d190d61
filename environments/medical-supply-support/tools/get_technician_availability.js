(args, state, ctx) => {
  const from = clean(args.from_date) || today();
  const open = state.technicianSlots.filter(function (s) { return !s.booked && s.date >= from; });
  return {
    slots: open.slice(0, 6).map(function (s) { return { slot_id: s.id, date: s.date, window: s.window }; })
  };
}
