// The start-up floor: a Swift hello world, built in release and linked like
// twitchwise (startup.sh builds it with and without -static-stdlib).
print("hello")
