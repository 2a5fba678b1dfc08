/// "1 conversation", "2 conversations", "0 errors": a count with its noun in the right number.
func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    "\(count) " + (count == 1 ? noun : plural ?? noun + "s")
}
