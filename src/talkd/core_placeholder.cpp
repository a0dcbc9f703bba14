// Placeholder translation unit until the daemon core lands.
