# lib/rbtree.c on its own: random operations against a sorted-array model
# with the red-black invariants checked (test_rbtree.c).
HOST_TESTS += rbtree
rbtree_SRCS := lib/rbtree.c tests/host/test_rbtree.c
