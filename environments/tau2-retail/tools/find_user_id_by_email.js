(args, state, ctx) => {
    // Case-insensitive, first match in the order users are stored (emails are unique in db.json).
    const wanted = args.email.toLowerCase();
    for (const userId of Object.keys(state.users)) {
        if (state.users[userId].email.toLowerCase() === wanted) {
            return userId;
        }
    }
    throw new Error("User not found");
}
