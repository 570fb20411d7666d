print("cardbox")
