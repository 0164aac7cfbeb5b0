"""Who decides for a side: scripted policies, the searching opponent, the advisers.

Kept free of imports so the engine can reach the policy registry without a cycle.
"""
