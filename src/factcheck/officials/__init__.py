"""factcheck.officials"""
