"""The knowledge base (quản lý tri thức) and its extractive virtual assistant (trợ lý ảo)."""
