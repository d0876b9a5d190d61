(args, state, ctx) => {
    // Names compare case-insensitively; the zip code must match exactly.
    const first = args.first_name.toLowerCase();
    const last = args.last_name.toLowerCase();
    for (const userId of Object.keys(state.users)) {
        const user = state.users[userId];
        if (user.name.first_name.toLowerCase() === first
            && user.name.last_name.toLowerCase() === last
            && user.address.zip === args.zip) {
            return userId;
        }
    }
    throw new Error("User not found");
}
