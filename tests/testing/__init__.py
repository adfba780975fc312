"""Tests of pulumi_kinde.testing, the stand-in for the Pulumi engine."""
