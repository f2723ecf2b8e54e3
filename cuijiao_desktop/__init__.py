"""催缴 Desktop: property-fee arrears collection for Chinese property-management offices."""

__version__ = "0.1.0"
