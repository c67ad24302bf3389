"""factcheck.export"""
