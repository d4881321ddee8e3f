"""Travel Rule: resolved law per jurisdiction, lookup tables, one decision plan, corridor checks."""
