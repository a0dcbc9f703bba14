// Placeholder translation unit until the client core lands.
