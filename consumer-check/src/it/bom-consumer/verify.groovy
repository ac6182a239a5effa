evaluate(new File(checkScript))
