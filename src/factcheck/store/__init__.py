"""factcheck.store"""
