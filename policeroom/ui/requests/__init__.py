"""群众求助 screens: the register list, the registration form, the detail view with the loop's steps, 考核."""
