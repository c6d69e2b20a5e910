"""Guest (旅馆/民宿) and tenant (出租屋) registration by venue owners, as chat forms."""
