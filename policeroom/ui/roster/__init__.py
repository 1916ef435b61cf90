"""值班排班 screens: the calendar grid, cell and swap dialogs, leave and swap lists."""
