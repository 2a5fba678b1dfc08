// The start-up floor: a Swift hello world, built in release like twitchwise.
print("hello")
