"""factcheck.sources"""
