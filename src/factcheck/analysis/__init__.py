"""factcheck.analysis"""
