"""Service standards (Standar Pelayanan) as versioned data, catalogue files and public pages."""
