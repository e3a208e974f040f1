"""The shared kernel: actor and scope, errors, audit, bulk SQL, rate limits, text folding,
validation, file types and the clock. Every domain may import it; it imports no domain."""
