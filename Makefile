# Convenience aliases; ./dev is the entry point and needs nothing but bash and Python 3.11.
.PHONY: run test lock
run:
	./dev run
test:
	./dev test
lock:
	./dev lock
